import { Host } from "../faults";
import { Route } from "../router";
import { ASSET_VERSION_ROUTES, ASSET_VERSION_UPLOAD_ROUTES } from "./asset-versions";
import { BUILD_ROUTES } from "./builds";
import { DEPLOYMENT_ROUTES } from "./deployments";
import { ENVIRONMENT_ROUTES } from "./environments";
import { FUNCTION_AND_ASSET_ROUTES } from "./functions-and-assets";
import { FUNCTION_VERSION_ROUTES, FUNCTION_VERSION_UPLOAD_ROUTES } from "./function-versions";
import { SERVICE_ROUTES } from "./services";
import { VARIABLE_ROUTES } from "./variables";

/** Every endpoint of each host: the upload host takes version uploads only, the API host the rest. */
export const ROUTES: Record<Host, readonly Route[]> = {
  api: [
    ...SERVICE_ROUTES,
    ...FUNCTION_AND_ASSET_ROUTES,
    ...FUNCTION_VERSION_ROUTES,
    ...ASSET_VERSION_ROUTES,
    ...BUILD_ROUTES,
    ...ENVIRONMENT_ROUTES,
    ...DEPLOYMENT_ROUTES,
    ...VARIABLE_ROUTES,
  ],
  upload: [...FUNCTION_VERSION_UPLOAD_ROUTES, ...ASSET_VERSION_UPLOAD_ROUTES],
};
