/**
 * The `twilio` a build of the emulator gets: the real helper library, with every REST client it
 * makes sending its Serverless requests to the emulator. Each laid-out build has a generated
 * `node_modules/twilio` whose `index.js` calls this with the real library and the emulator's URLs
 * (layout.ts writes it), so runtime-handler (`context.getTwilioClient()`, `Runtime.getSync()`, the
 * `twilioClient` global) and a Function's own `require("twilio")` find it alike.
 *
 * Only the client's HTTP layer changes: the library's own `httpClient` option gets a client that
 * rewrites `https://serverless.twilio.com/…` and `https://serverless-upload.twilio.com/…` to the
 * emulator's API and upload hosts and refuses every other Twilio API with an error naming it, so
 * that nothing a Function does with the client leaves the machine. `Twilio.twiml`, `Twilio.jwt`,
 * `validateRequest` and the rest are the library's own, untouched. Plain CommonJS: it is loaded by
 * the Functions' own `require`, under node, jest and tsx alike.
 */
"use strict";

const { URL } = require("url");

/** The error a client gets for an API the emulator does not serve. */
class UnsupportedApiError extends Error {
  constructor(method, uri, hostname) {
    super(
      `The Twilio Serverless emulator serves only the Serverless API (serverless.twilio.com and ` +
        `serverless-upload.twilio.com); ${String(method).toUpperCase()} ${uri} is for ${hostname}, which it does not serve`,
    );
    this.name = "UnsupportedApiError";
    this.code = "EMULATOR_UNSUPPORTED_API";
  }
}

/**
 * Where a request for `uri` goes on the emulator, or undefined for an API it does not serve. The
 * first label names the API: the library may add an edge and a region after it
 * (`serverless.sydney.au1.twilio.com`).
 */
function emulatorUrl(uri, urls) {
  const url = new URL(uri);
  const labels = url.hostname.toLowerCase().split(".");
  if (labels.slice(-2).join(".") !== "twilio.com") return undefined;
  const base =
    labels[0] === "serverless" ? urls.apiBaseUrl : labels[0] === "serverless-upload" ? urls.uploadBaseUrl : "";
  return base === "" ? undefined : `${base}${url.pathname}${url.search}`;
}

/** `client` (a `RequestClient` or the one the program gave) with its requests redirected. */
function redirecting(client, urls) {
  const request = (opts) => {
    const target = emulatorUrl(opts.uri, urls);
    if (target === undefined) {
      return Promise.reject(new UnsupportedApiError(opts.method, opts.uri, new URL(opts.uri).hostname));
    }
    return client.request({ ...opts, uri: target });
  };
  return new Proxy(client, {
    get: (target, property) => (property === "request" ? request : Reflect.get(target, property)),
  });
}

/**
 * The library `real` with its clients redirected to the emulator at `urls`
 * (`{apiBaseUrl, uploadBaseUrl}`): a function creating a client, as `require("twilio")` is, with
 * every property of the library and a `Twilio` class that redirects too.
 */
module.exports = function emulatedTwilio(real, urls) {
  class Twilio extends real.Twilio {
    constructor(username, password, opts) {
      const options = opts || {};
      const client =
        options.httpClient ||
        new real.RequestClient({ autoRetry: options.autoRetry || false, maxRetries: options.maxRetries });
      super(username, password, { ...options, httpClient: redirecting(client, urls) });
    }
  }
  function TwilioSDK(accountSid, authToken, opts) {
    return new Twilio(accountSid, authToken, opts);
  }
  Object.assign(TwilioSDK, real, { Twilio });
  return TwilioSDK;
};
