import { describe, expect, it } from "vitest";
import { AlibabaCloudError, classifyFailure, isRetryableCode } from "../../../provider/client/errors";

const SECRETS = ["LTAI5tEmuMainAccount0001", "emu-main-secret-0001", "emu-main-sts-token-0001"];

function popCoreError(code: string, message: string, status: number) {
  const error = new Error(`${message}, URL: http://x/?AccessKeyId=LTAI5tEmuMainAccount0001&Signature=zzz`);
  return Object.assign(error, {
    name: `${code}Error`,
    code,
    data: { RequestId: "REQ-1", HostId: "vpc.aliyuncs.com", Code: code, Message: message },
    entry: { response: { statusCode: status } },
  });
}

describe("classifyFailure", () => {
  it("GIVEN pop-core's API error WHEN classified THEN it keeps Code, Message, RequestId and status, and drops the URL", () => {
    const error = classifyFailure(
      "GrantInstanceToCen",
      popCoreError("TaskConflict", "The operation is too frequent", 400),
      SECRETS,
    );
    expect(error).toBeInstanceOf(AlibabaCloudError);
    expect(error.code).toBe("TaskConflict");
    expect(error.requestId).toBe("REQ-1");
    expect(error.httpStatus).toBe(400);
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBe("answered");
    expect(error.message).toBe(
      "GrantInstanceToCen failed: TaskConflict: The operation is too frequent (RequestId: REQ-1, HTTP 400)",
    );
    expect(JSON.stringify(error)).not.toContain("LTAI5t");
    expect(error.stack).not.toContain("Signature");
  });

  it("GIVEN an input error WHEN classified THEN it is not retryable and carries a hint when one is known", () => {
    const error = classifyFailure(
      "DescribeVpcs",
      popCoreError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404),
      SECRETS,
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Check the AccessKey ID");
  });

  it("GIVEN a server message echoing the signed string WHEN classified THEN the key id is scrubbed", () => {
    const thrown = popCoreError(
      "SignatureDoesNotMatch",
      "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tEmuMainAccount0001",
      400,
    );
    expect(classifyFailure("X", thrown, SECRETS).message).not.toContain("LTAI5tEmuMainAccount0001");
  });

  it("GIVEN json-bigint's SyntaxError on an HTML page WHEN classified THEN it is a retryable InvalidResponse of unknown outcome", () => {
    const error = classifyFailure(
      "X",
      { name: "SyntaxError", message: "Unexpected '<'", text: "<html>502</html>" },
      SECRETS,
    );
    expect(error.code).toBe("InvalidResponse");
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBe("unknown");
    expect(error.message).not.toContain("<html>");
  });

  it("GIVEN connection refused WHEN classified THEN nothing was sent", () => {
    const thrown = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9 POST http://127.0.0.1:9/ failed."), {
      code: "ECONNREFUSED",
    });
    const error = classifyFailure("X", thrown, SECRETS);
    expect(error).toMatchObject({ code: "NetworkError", outcome: "not-sent", retryable: true });
  });

  it("GIVEN a reset connection or a read timeout WHEN classified THEN the outcome is unknown", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(classifyFailure("X", reset, SECRETS)).toMatchObject({ code: "NetworkError", outcome: "unknown" });
    const timeout = Object.assign(new Error("ReadTimeout(20000). POST http://x/ failed."), {
      name: "RequestTimeoutError",
    });
    expect(classifyFailure("X", timeout, SECRETS)).toMatchObject({ code: "Timeout", outcome: "unknown" });
    // httpx calls its idle timeout "ConnectTimeout" even after the request went out.
    const idle = Object.assign(new Error("ConnectTimeout: Connect http://x/ failed."), { name: "RequestTimeoutError" });
    expect(classifyFailure("X", idle, SECRETS)).toMatchObject({ code: "Timeout", outcome: "unknown" });
    const neverConnected = Object.assign(new Error("connecting took longer than 5000 ms"), { code: "ECONNECTTIMEOUT" });
    expect(classifyFailure("X", neverConnected, SECRETS)).toMatchObject({ code: "NetworkError", outcome: "not-sent" });
  });

  it("GIVEN the codes of the spec WHEN asked THEN throttling, 5xx and conflicts retry; input errors do not", () => {
    for (const code of [
      "Throttling",
      "Throttling.User",
      "ServiceUnavailable",
      "InternalError.Dispatch",
      "TaskConflict",
      "OperationConflict",
      "LastTokenProcessing",
      "IncorrectStatus",
    ]) {
      expect(isRetryableCode(code), code).toBe(true);
    }
    for (const code of ["InvalidParameter", "MissingParameter", "Forbidden.RAM", "IdempotentParameterMismatch"]) {
      expect(isRetryableCode(code, 400), code).toBe(false);
    }
    expect(isRetryableCode("SomethingNew", 503)).toBe(true);
  });
});
