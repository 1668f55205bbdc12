// The runtime's globals (`Twilio`, `Runtime`) as types only: unlike the template's
// `import "@twilio-labs/serverless-runtime-types"`, nothing is required when the function runs, so
// the Build needs no dependency for it.
/// <reference types="@twilio-labs/serverless-runtime-types" />
import type {
  Context,
  ServerlessCallback,
  ServerlessEventObject,
  ServerlessFunctionSignature,
} from "@twilio-labs/serverless-runtime-types/types";

type HelloContext = { GREETING?: string };
type HelloEvent = ServerlessEventObject<{ name?: string }>;

/** Says hello to the caller, or to `?name=`, in TwiML. */
export const handler: ServerlessFunctionSignature<HelloContext, HelloEvent> = function (
  context: Context<HelloContext>,
  event: HelloEvent,
  callback: ServerlessCallback,
) {
  const twiml = new Twilio.twiml.VoiceResponse();
  twiml.say(`${context.GREETING ?? "Hello"}, ${event.name ?? "World"}!`);
  callback(null, twiml);
};
