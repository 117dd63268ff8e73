/** A Yjs state built from `edits` single-character edits at random places (some deletions). */
import * as Y from 'yjs';

export function buildEditedState(edits: number): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < edits; i++) {
    if (text.length > 10 && random() < 0.1) text.delete(Math.floor(random() * (text.length - 1)), 1);
    else text.insert(Math.floor(random() * (text.length + 1)), 'abcdefghij'[i % 10]!);
  }
  return Y.encodeStateAsUpdate(doc);
}
