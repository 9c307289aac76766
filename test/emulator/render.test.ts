// GIVEN response values WHEN the serializer renders them THEN JSON and XML parse back to the same
// data, integers above 2^53 stay exact, and the error envelope has every documented member.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ServiceError } from "../../emulator/core/errors.js";
import { fromStored, toJson, toStored } from "../../emulator/core/json.js";
import { renderBadGateway, renderError, renderSuccess } from "../../emulator/core/render.js";
import { RawNumber, type ResponseBody } from "../../emulator/core/values.js";
import { escapeXml } from "../../emulator/core/xml.js";
import { parseJsonExact } from "./helpers.js";

const body: ResponseBody = {
  PageSize: 10,
  PageNumber: 1,
  TotalCount: 2,
  Enabled: true,
  Empty: "",
  Skipped: undefined,
  Note: `a <b> & "c" 'd'`,
  CenGrantRules: {
    CbnGrantRule: [
      { CenInstanceId: "cen-1", CenOwnerId: new RawNumber("9300000000000007"), CreationTime: "2026-01-01T00:00:00Z" },
      {
        CenInstanceId: "cen-2",
        CenOwnerId: new RawNumber("18446744073709551615"),
        CreationTime: "2026-01-02T00:00:00Z",
      },
    ],
  },
  Instances: [
    { InstanceId: "mi-1", Tags: [{ TagKey: "k", TagValue: "v" }] },
    { InstanceId: "mi-2", Tags: [] },
  ],
};

describe("JSON rendering", () => {
  it("GIVEN account UIDs above 2^53 WHEN rendered THEN they are bare digits that an exact parser reads back exactly", () => {
    const text = toJson(body);
    expect(text).toContain('"CenOwnerId":9300000000000007');
    expect(text).toContain('"CenOwnerId":18446744073709551615');
    expect(text).not.toContain("Skipped");
    const parsed = parseJsonExact(text) as { CenGrantRules: { CbnGrantRule: Array<{ CenOwnerId: bigint }> } };
    expect(parsed.CenGrantRules.CbnGrantRule.map((r) => r.CenOwnerId)).toEqual([
      9300000000000007n,
      18446744073709551615n,
    ]);
    // Plain JSON.parse loses the digits: exactly why pop-core parses with json-bigint.
    expect(
      String(
        (JSON.parse(text) as { CenGrantRules: { CbnGrantRule: Array<{ CenOwnerId: number }> } }).CenGrantRules
          .CbnGrantRule[1]?.CenOwnerId,
      ),
    ).not.toBe("18446744073709551615");
  });

  it("GIVEN a success body WHEN rendered as JSON THEN RequestId comes first and the rest parses back unchanged", () => {
    const answer = renderSuccess("JSON", "DescribeX", "REQ-1", body);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json;charset=utf-8");
    expect(answer.body.startsWith('{"RequestId":"REQ-1",')).toBe(true);
    const parsed = parseJsonExact(answer.body) as Record<string, unknown>;
    expect(parsed).toEqual({
      RequestId: "REQ-1",
      PageSize: 10,
      PageNumber: 1,
      TotalCount: 2,
      Enabled: true,
      Empty: "",
      Note: `a <b> & "c" 'd'`,
      CenGrantRules: {
        CbnGrantRule: [
          { CenInstanceId: "cen-1", CenOwnerId: 9300000000000007n, CreationTime: "2026-01-01T00:00:00Z" },
          { CenInstanceId: "cen-2", CenOwnerId: 18446744073709551615n, CreationTime: "2026-01-02T00:00:00Z" },
        ],
      },
      Instances: [
        { InstanceId: "mi-1", Tags: [{ TagKey: "k", TagValue: "v" }] },
        { InstanceId: "mi-2", Tags: [] },
      ],
    });
  });

  it("GIVEN a result stored for ClientToken replay WHEN stored and revived THEN RawNumbers survive the JSON trip", () => {
    const stored = JSON.parse(JSON.stringify(toStored(body)));
    expect(toJson(fromStored(stored))).toBe(toJson(body));
  });
});

describe("XML rendering", () => {
  const parser = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ["CbnGrantRule", "Instances", "Tags"].includes(name),
  });

  it("GIVEN a success body WHEN rendered as XML THEN it is <ActionResponse> with repeated elements for arrays and parses back", () => {
    const answer = renderSuccess("XML", "DescribeX", "REQ-2", body);
    expect(answer.headers["content-type"]).toBe("text/xml;charset=utf-8");
    expect(
      answer.body.startsWith('<?xml version="1.0" encoding="UTF-8"?><DescribeXResponse><RequestId>REQ-2</RequestId>'),
    ).toBe(true);
    expect(answer.body).toContain("<CenGrantRules><CbnGrantRule><CenInstanceId>cen-1</CenInstanceId>");
    expect(answer.body).toContain("<Instances><InstanceId>mi-1</InstanceId>");
    expect(answer.body).toContain("<Note>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</Note>");
    const parsed = parser.parse(answer.body) as { DescribeXResponse: Record<string, unknown> };
    expect(parsed.DescribeXResponse).toEqual({
      RequestId: "REQ-2",
      PageSize: "10",
      PageNumber: "1",
      TotalCount: "2",
      Enabled: "true",
      Empty: "",
      Note: `a <b> & "c" 'd'`,
      CenGrantRules: {
        CbnGrantRule: [
          { CenInstanceId: "cen-1", CenOwnerId: "9300000000000007", CreationTime: "2026-01-01T00:00:00Z" },
          { CenInstanceId: "cen-2", CenOwnerId: "18446744073709551615", CreationTime: "2026-01-02T00:00:00Z" },
        ],
      },
      Instances: [{ InstanceId: "mi-1", Tags: [{ TagKey: "k", TagValue: "v" }] }, { InstanceId: "mi-2" }],
    });
  });

  it("GIVEN an error WHEN rendered as XML THEN it is <Error> with RequestId, HostId, Code, Message, Recommend and the error's status", () => {
    const answer = renderError(
      "XML",
      "REQ-3",
      "vpc.aliyuncs.com",
      "Vpc",
      new ServiceError(404, "InvalidVpcId.NotFound", "Specified VPC does not exist."),
    );
    expect(answer.status).toBe(404);
    const parsed = parser.parse(answer.body) as { Error: Record<string, string> };
    expect(parsed.Error).toEqual({
      RequestId: "REQ-3",
      HostId: "vpc.aliyuncs.com",
      Code: "InvalidVpcId.NotFound",
      Message: "Specified VPC does not exist.",
      Recommend: "https://api.aliyun.com/troubleshoot?q=InvalidVpcId.NotFound&product=Vpc&requestId=REQ-3",
    });
  });

  it("GIVEN an error WHEN rendered as JSON THEN the envelope has the same five members", () => {
    const answer = renderError(
      "JSON",
      "REQ-4",
      "ecs.aliyuncs.com",
      "Ecs",
      new ServiceError(403, "Forbidden.SubUser", "x"),
    );
    expect(answer.status).toBe(403);
    expect(Object.keys(JSON.parse(answer.body))).toEqual(["RequestId", "HostId", "Code", "Message", "Recommend"]);
  });

  it("GIVEN the BadGateway fault WHEN rendered THEN it is an HTML 502 page, not JSON", () => {
    const answer = renderBadGateway();
    expect(answer.status).toBe(502);
    expect(answer.headers["content-type"]).toBe("text/html");
    expect(answer.body).toContain("<h1>502 Bad Gateway</h1>");
    expect(() => JSON.parse(answer.body)).toThrow();
  });

  it("GIVEN text with markup WHEN escaped THEN every special character is an entity", () => {
    expect(escapeXml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&apos;");
  });
});
