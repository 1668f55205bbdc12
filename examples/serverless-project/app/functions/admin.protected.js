/* global Twilio */
// Protected: Twilio answers 401 unless the request carries a valid X-Twilio-Signature, as a
// webhook from Twilio does.
exports.handler = (context, event, callback) => {
  const response = new Twilio.Response();
  response.setStatusCode(200);
  response.appendHeader("Content-Type", "application/json");
  response.setBody({ service: context.SERVICE_SID, environment: context.ENVIRONMENT_SID, from: event.From || null });
  callback(null, response);
};
