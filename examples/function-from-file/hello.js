// A Twilio Function: answers every request with a greeting.
exports.handler = function (context, event, callback) {
  const name = event.name || "world";
  callback(null, { greeting: `Hello, ${name}!` });
};
