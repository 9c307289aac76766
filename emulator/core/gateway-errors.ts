// Errors the POP gateway itself answers, before or around any product (spec §4). Texts are
// Alibaba's own; where sources disagree on the HTTP status, the choice is in emulator/README.md.
import { ServiceError } from "./errors.js";

/** A required parameter (or V3 header) is absent. */
export function missingParameter(name: string): ServiceError {
  return new ServiceError(
    400,
    "MissingParameter",
    `The input parameter "${name}" that is required for processing this request is not supplied.`,
  );
}

/** A parameter has a value the API does not accept. */
export function invalidParameter(name: string): ServiceError {
  return new ServiceError(400, "InvalidParameter", `The specified parameter "${name}" is not valid.`);
}

/** Unknown `Version` (no product answers it). */
export function invalidActionOrVersion(): ServiceError {
  return new ServiceError(400, "InvalidParameter", 'The specified parameter "Action or Version" is not valid.');
}

/** `Format` is neither JSON nor XML. */
export function invalidFormat(): ServiceError {
  return new ServiceError(400, "InvalidParameter.Format", "Specified parameter format is not valid.");
}

/** The product exists but has no such action (action names are case-sensitive). */
export function apiNotFound(): ServiceError {
  return new ServiceError(404, "InvalidApi.NotFound", "Specified api is not found,please check your url and method.");
}

/** Methods other than GET and POST. */
export function unsupportedHttpMethod(): ServiceError {
  return new ServiceError(400, "UnsupportedHTTPMethod", "This HTTP method is not supported.");
}

/** No account holds this AccessKeyId. */
export function accessKeyNotFound(): ServiceError {
  return new ServiceError(400, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
}

/** The AccessKey exists but is disabled. */
export function accessKeyInactive(): ServiceError {
  return new ServiceError(400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
}

/** The timestamp cannot be parsed. */
export function timestampFormat(): ServiceError {
  return new ServiceError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
}

/** The timestamp is more than 15 minutes away from the server's clock. */
export function timestampExpired(): ServiceError {
  return new ServiceError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
}

/** The same key used this nonce within the replay window. */
export function nonceUsed(): ServiceError {
  return new ServiceError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
}

/** The signature differs from the server's; like the real gateway, the message shows the server's string. */
export function signatureDoesNotMatch(serverStringToSign: string): ServiceError {
  return new ServiceError(
    400,
    "SignatureDoesNotMatch",
    `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
  );
}

/** The signature is malformed or leaves out what must be signed. */
export function incompleteSignature(): ServiceError {
  return new ServiceError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
}

/** `SignatureMethod` (V1) or the Authorization algorithm (V3) is not supported. */
export function invalidSignatureMethod(): ServiceError {
  return new ServiceError(400, "InvalidSignatureMethod", "Specified signature method is not valid.");
}

/** The SecurityToken does not belong to the temporary AccessKey. */
export function securityTokenMismatch(): ServiceError {
  return new ServiceError(
    400,
    "InvalidSecurityToken.MismatchWithAccessKey",
    "Specified SecurityToken mismatch with the AccessKey.",
  );
}

/** The STS token is past its expiration. */
export function securityTokenExpired(): ServiceError {
  return new ServiceError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
}

/** A RAM identity without permission for the action (products without a more specific code). */
export function forbiddenRam(): ServiceError {
  return new ServiceError(
    403,
    "Forbidden.RAM",
    "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
  );
}

/** The account is barred from the action by risk control. */
export function forbiddenRiskControl(): ServiceError {
  return new ServiceError(
    403,
    "Forbidden.RiskControl",
    "This operation is forbidden by Alibaba Cloud RiskControl system.",
  );
}

/** Same ClientToken, different parameters. */
export function idempotentParameterMismatch(): ServiceError {
  return new ServiceError(
    400,
    "IdempotentParameterMismatch",
    "Request uses a client token in a previous request but is not identical to that request.",
  );
}

/** Same ClientToken while the first request is still being processed. */
export function lastTokenProcessing(): ServiceError {
  return new ServiceError(403, "LastTokenProcessing", "The last token request is processing.");
}

/** The request body is larger than the emulator accepts (4 MiB); the code is the emulator's own. */
export function requestTooLarge(): ServiceError {
  return new ServiceError(413, "RequestEntityTooLarge", "The request body exceeds the limit of 4194304 bytes.");
}

/** An unexpected failure inside the emulator (also: the state file could not be saved). */
export function internalError(): ServiceError {
  return new ServiceError(
    500,
    "InternalError",
    "The request processing has failed due to some unknown error, exception or failure.",
  );
}
