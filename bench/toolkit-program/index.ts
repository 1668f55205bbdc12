// The benchmark's program: one ServerlessProject per Toolkit folder in `directories` (one for the
// project scenarios, ten for the monorepo), each named after its package.json, defaults otherwise.
import * as pulumi from "@pulumi/pulumi";
import { ServerlessProject } from "pulumi-twilio-serverless";

const config = new pulumi.Config();
const directories = config.requireObject<string[]>("directories");

export const urls = directories.map((directory, i) => new ServerlessProject(`app-${i}`, { directory }).url);
