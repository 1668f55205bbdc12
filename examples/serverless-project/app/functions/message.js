/* global Runtime */
// Public: reads the private asset, which only functions can open, and answers it as JSON.
exports.handler = (context, event, callback) => {
  const message = Runtime.getAssets()["/message.txt"].open().trim();
  callback(null, { message, from: context.DOMAIN_NAME });
};
