import * as pulumi from "@pulumi/pulumi";
import { ServerlessProject } from "pulumi-twilio-serverless";

const config = new pulumi.Config();

// `app` is a Twilio Serverless Toolkit TypeScript project: `npm run build` there compiles
// src/functions to dist/functions and copies src/assets to dist/assets, the folders
// `twilio-run deploy --functions-folder dist/functions --assets-folder dist/assets` deploys.
const app = new ServerlessProject("hello-ts", {
  directory: "app",
  functionsFolder: "dist/functions",
  assetsFolder: "dist/assets",
  variables: { GREETING: config.get("greeting") ?? "Ahoy" },
});

export const url = app.url;
export const functionUrls = app.functionUrls;
export const assetUrls = app.assetUrls;
