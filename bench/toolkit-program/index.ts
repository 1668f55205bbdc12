// The benchmark's program: one ServerlessProject per Toolkit folder in `directories` (one for the
// project scenarios, ten for the monorepo), each named after its package.json, defaults otherwise.
// With `envFiles` set, each folder's `.env` is its `envFile`, as `twilio-run deploy` reads it (the
// component never reads a `.env` it is not given).
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { ServerlessProject } from "pulumi-twilio-serverless";

const config = new pulumi.Config();
const directories = config.requireObject<string[]>("directories");
const envFiles = config.getBoolean("envFiles") ?? false;

export const urls = directories.map((directory, i) => {
  const envFile = envFiles ? { envFile: path.join(directory, ".env") } : {};
  return new ServerlessProject(`app-${i}`, { directory, ...envFile }).url;
});
