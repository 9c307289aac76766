// httpx, pop-core's HTTP library, prints every request body (AccessKeyId, SecurityToken,
// Signature) through the `debug` package when DEBUG names its namespace, and the provider's
// stderr goes to the Pulumi log. Excluding it must happen before httpx loads: import this first.
const debug = process.env.DEBUG;
if (debug) process.env.DEBUG = `${debug},-httpx:*`;
