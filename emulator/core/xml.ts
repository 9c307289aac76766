// XML rendering as the RPC gateway does it (spec §3): `<?xml ...?><{Action}Response>...`. An array
// under key K becomes repeated <K> elements, so `{Links:{Link:[a,b]}}` gives
// `<Links><Link>a</Link><Link>b</Link></Links>` and a plain `Instances:[a,b]` repeats <Instances>.
import { RawNumber, type ResponseValue } from "./values.js";

/** The XML declaration every answer starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      default:
        return "&apos;";
    }
  });
}

function scalarText(value: string | number | boolean | RawNumber): string {
  return value instanceof RawNumber ? value.digits : escapeXml(String(value));
}

/** Renders the members of an object as a sequence of XML elements. */
export function membersToXml(members: { readonly [key: string]: ResponseValue | undefined }): string {
  let out = "";
  for (const [key, value] of Object.entries(members)) {
    if (value === undefined) continue;
    out += elementToXml(key, value);
  }
  return out;
}

function elementToXml(name: string, value: ResponseValue): string {
  if (Array.isArray(value)) {
    let out = "";
    for (const item of value as readonly ResponseValue[]) out += elementToXml(name, item);
    return out;
  }
  if (value === null) return `<${name}></${name}>`;
  if (typeof value === "object" && !(value instanceof RawNumber)) {
    return `<${name}>${membersToXml(value as { readonly [key: string]: ResponseValue | undefined })}</${name}>`;
  }
  return `<${name}>${scalarText(value as string | number | boolean | RawNumber)}</${name}>`;
}

/** Renders a whole document: declaration plus one root element holding the members. */
export function toXmlDocument(root: string, members: { readonly [key: string]: ResponseValue | undefined }): string {
  return `${XML_DECLARATION}<${root}>${membersToXml(members)}</${root}>`;
}
