// Public: GET /hello?name=Ada answers "Ahoy, Ada!" with the GREETING Variable.
exports.handler = (context, event, callback) => {
  const name = event.name || "world";
  callback(null, `${context.GREETING}, ${name}!`);
};
