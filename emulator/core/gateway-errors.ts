// Errors the POP gateway itself answers, before or around any product. Codes, statuses and their
// evidence are in api/common-errors.ts; texts are Alibaba's own (where sources disagree on the HTTP
// status, the choice is in emulator/README.md).
import { commonError } from "./errors.js";

/** A required parameter (or V3 header) is absent. */
export const missingParameter = commonError(
  "MissingParameter",
  (name: string) => `The input parameter "${name}" that is required for processing this request is not supplied.`,
);

/** A parameter has a value the API does not accept. */
export const invalidParameter = commonError(
  "InvalidParameter",
  (name: string) => `The specified parameter "${name}" is not valid.`,
);

/** Unknown `Version` (no product answers it). */
export const invalidActionOrVersion = commonError(
  "InvalidParameter",
  'The specified parameter "Action or Version" is not valid.',
);

/** `Format` is neither JSON nor XML. */
export const invalidFormat = commonError("InvalidParameter.Format", "Specified parameter format is not valid.");

/** The product exists but has no such action (action names are case-sensitive). */
export const apiNotFound = commonError(
  "InvalidApi.NotFound",
  "Specified api is not found,please check your url and method.",
);

/** Methods other than GET and POST. */
export const unsupportedHttpMethod = commonError("UnsupportedHTTPMethod", "This HTTP method is not supported.");

/** No account holds this AccessKeyId. */
export const accessKeyNotFound = commonError("InvalidAccessKeyId.NotFound", "Specified access key is not found.");

/** The AccessKey exists but is disabled. */
export const accessKeyInactive = commonError("InvalidAccessKeyId.Inactive", "Specified access key is disabled.");

/** The timestamp cannot be parsed. */
export const timestampFormat = commonError(
  "InvalidTimeStamp.Format",
  "Specified time stamp or date value is not well formatted.",
);

/** The timestamp is more than 15 minutes away from the server's clock. */
export const timestampExpired = commonError(
  "InvalidTimeStamp.Expired",
  "Specified time stamp or date value is expired.",
);

/** The same key used this nonce within the replay window. */
export const nonceUsed = commonError("SignatureNonceUsed", "Specified signature nonce was used already.");

/** The signature differs from the server's; like the real gateway, the message shows the server's string. */
export const signatureDoesNotMatch = commonError(
  "SignatureDoesNotMatch",
  (serverStringToSign: string) =>
    `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
);

/** The signature is malformed or leaves out what must be signed. */
export const incompleteSignature = commonError(
  "IncompleteSignature",
  "The request signature does not conform to Aliyun standards.",
);

/** `SignatureMethod` (V1) or the Authorization algorithm (V3) is not supported. */
export const invalidSignatureMethod = commonError("InvalidSignatureMethod", "Specified signature method is not valid.");

/** The SecurityToken does not belong to the temporary AccessKey. */
export const securityTokenMismatch = commonError(
  "InvalidSecurityToken.MismatchWithAccessKey",
  "Specified SecurityToken mismatch with the AccessKey.",
);

/** The STS token is past its expiration. */
export const securityTokenExpired = commonError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");

/** A RAM identity without permission for the action (products without a more specific code). */
export const forbiddenRam = commonError(
  "Forbidden.RAM",
  "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
);

/** The account is barred from the action by risk control. */
export const forbiddenRiskControl = commonError(
  "Forbidden.RiskControl",
  "This operation is forbidden by Alibaba Cloud RiskControl system.",
);

/** Same ClientToken, different parameters. */
export const idempotentParameterMismatch = commonError(
  "IdempotentParameterMismatch",
  "Request uses a client token in a previous request but is not identical to that request.",
);

/** Same ClientToken while the first request is still being processed. */
export const lastTokenProcessing = commonError("LastTokenProcessing", "The last token request is processing.");

/** The request body is larger than the emulator accepts (4 MiB); the code is the emulator's own. */
export const requestTooLarge = commonError(
  "RequestEntityTooLarge",
  "The request body exceeds the limit of 4194304 bytes.",
);

/** The emulator was about to answer a code its tables do not document for the action: its own defect. */
export const undocumentedAnswer = commonError(
  "Emulator.UndocumentedAnswer",
  (action: string, code: string) =>
    `The emulator was about to answer ${code} to ${action}, which api/ does not document for that action: a defect of the emulator, please report it.`,
);

/** An unexpected failure inside the emulator (also: the state file could not be saved). */
export const internalError = commonError(
  "InternalError",
  "The request processing has failed due to some unknown error, exception or failure.",
);
