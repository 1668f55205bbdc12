/* global Twilio */
// Public: a Messaging webhook. Twilio POSTs an incoming SMS with its Body; the TwiML answered
// (text/xml) replies to the sender. GET /sms/reply?Body=hi answers the same.
exports.handler = (context, event, callback) => {
  const twiml = new Twilio.twiml.MessagingResponse();
  twiml.message(`Ahoy! You said: ${event.Body || "nothing"}`);
  callback(null, twiml);
};
