/**
 * A small strict XML 1.0 reader for tests (no dependency): an optional declaration, one root
 * element, elements with attributes, text, CDATA, comments and the five predefined entities plus
 * numeric references. Anything else — a mismatched or unclosed tag, a duplicate attribute, a raw
 * `<` or `&` in text, an unknown entity, content after the root — throws with the offset.
 */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The text directly inside, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(raw: string, at: number): string {
  if (/[<]/.test(raw)) throw new Error(`raw "<" at ${at}`);
  return raw.replace(/&([^;\s&]*);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare "&" at ${at}`);
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`unknown entity &${name}; at ${at}`);
    return value;
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${i}`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i] ?? '')) i++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  if (source.startsWith('<?xml', i)) {
    const end = source.indexOf('?>', i);
    if (end < 0) fail('unclosed declaration');
    i = end + 2;
  }
  skipMisc();
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected an element');
    i++;
    const name = NAME.exec(source.slice(i))?.[0] ?? fail('expected an element name');
    i += name.length;
    const attributes = new Map<string, string>();
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected a space before an attribute');
      const attr = NAME.exec(source.slice(i))?.[0] ?? fail('expected an attribute name');
      i += attr.length;
      if (source[i] !== '=') fail('expected "="');
      i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = source.indexOf(quote as string, i + 1);
      if (end < 0) fail('unclosed attribute value');
      if (attributes.has(attr)) fail(`duplicate attribute ${attr}`);
      attributes.set(attr, decode(source.slice(i + 1, end), i));
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`unclosed <${name}>`);
      if (source.startsWith('</', i)) {
        i += 2;
        const close = NAME.exec(source.slice(i))?.[0];
        if (close !== name) fail(`</${close ?? ''}> closes <${name}>`);
        i += name.length;
        skipSpace();
        if (source[i] !== '>') fail('expected ">"');
        i++;
        return { name, attributes, children, text };
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unclosed CDATA');
        text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (source[i] === '<') {
        children.push(element());
      } else {
        const end = source.indexOf('<', i);
        const stop = end < 0 ? source.length : end;
        text += decode(source.slice(i, stop), i);
        i = stop;
      }
    }
  };
  const root = element();
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** The children of `parent` named `name`. */
export const childrenNamed = (parent: XmlElement, name: string) =>
  parent.children.filter((c) => c.name === name);
