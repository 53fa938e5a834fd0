/** Test helper: a small hand-written XML well-formedness check (no dependency). */

/**
 * A small well-formedness check of XML: every tag closes in order, attributes
 * are quoted, `&` only starts an entity. Returns the element names in document order.
 */
export function xmlElements(xml: string): string[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const names: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    if (/[<>]/.test(text)) throw new Error(`stray angle bracket in text before offset ${m.index}`);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text + (m[3] ?? ''))) throw new Error(`bare & near offset ${m.index}`);
    last = tag.lastIndex;
    const [, close, name, , self] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> does not close the open element`);
    } else {
      names.push(name!);
      if (!self) stack.push(name!);
    }
  }
  if (/[<>]/.test(body.slice(last))) throw new Error('trailing markup');
  if (stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
  return names;
}
