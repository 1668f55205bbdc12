import * as pulumi from "@pulumi/pulumi";
import { ServerlessProject } from "pulumi-twilio-serverless";

const config = new pulumi.Config();

// `app` is a Twilio Serverless Toolkit project, as `twilio-run` serves and deploys it. Its path
// starts at the program directory: this folder, since Pulumi.yaml names it as `main`.
const app = new ServerlessProject("hello", {
  directory: "app",
  // The Service is named after app/package.json and the stack (`hello-serverless-dev`); the
  // Environment has no domain suffix.
  variables: { GREETING: config.get("greeting") ?? "Ahoy" },
});

export const url = app.url;
export const functionUrls = app.functionUrls;
export const assetUrls = app.assetUrls;
