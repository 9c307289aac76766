// The serializer: success and error answers in JSON or XML, with Alibaba's envelope (spec §3).
import type { ServiceError } from "./errors.js";
import type { EmulatorResponse } from "./http-types.js";
import { toJson } from "./json.js";
import type { ResponseBody } from "./values.js";
import { toXmlDocument } from "./xml.js";

/** Response format chosen by the `Format` parameter. */
export type Format = "JSON" | "XML";

/** Content type of JSON answers. */
export const JSON_TYPE = "application/json;charset=utf-8";
/** Content type of XML answers (the exact value the V3 SDKs test for before parsing XML errors). */
export const XML_TYPE = "text/xml;charset=utf-8";

/** Renders a successful answer: `RequestId` first, then the action's fields. */
export function renderSuccess(format: Format, action: string, requestId: string, body: ResponseBody): EmulatorResponse {
  const members = { RequestId: requestId, ...body };
  return format === "XML"
    ? answer(200, XML_TYPE, toXmlDocument(`${action}Response`, members), requestId)
    : answer(200, JSON_TYPE, toJson(members), requestId);
}

/** Where an error points its reader, as the real gateway's `Recommend` does. */
export function recommendUrl(code: string, product: string, requestId: string): string {
  return `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product}&requestId=${requestId}`;
}

/** Renders an error answer: `{RequestId, HostId, Code, Message, Recommend}` with the error's HTTP status. */
export function renderError(
  format: Format,
  requestId: string,
  hostId: string,
  product: string,
  error: ServiceError,
): EmulatorResponse {
  const members = {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: recommendUrl(error.code, product, requestId),
  };
  return format === "XML"
    ? answer(error.httpStatus, XML_TYPE, toXmlDocument("Error", members), requestId)
    : answer(error.httpStatus, JSON_TYPE, toJson(members), requestId);
}

/** The HTML page a fronting proxy answers with when the service behind it is gone. */
export function renderBadGateway(): EmulatorResponse {
  const body =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";
  return { status: 502, headers: { "content-type": "text/html" }, body };
}

function answer(status: number, contentType: string, body: string, requestId: string): EmulatorResponse {
  return { status, headers: { "content-type": contentType, "x-acs-request-id": requestId }, body };
}
