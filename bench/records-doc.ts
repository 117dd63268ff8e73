/** Drafts for the records benchmark, written the way TipTap's Collaboration stores them in Yjs. */
import * as Y from 'yjs';
import { contentField } from '../shared/editor-schema';

const words = ['province', 'district', 'commune', 'decision', 'record', 'department', 'consultation', 'opinion', 'draft', 'archive', 'budget', 'regulation'];

/**
 * Append `count` paragraphs of `wordsEach` words (a heading every ten, some bold) to the content
 * fragment: ~80 words a paragraph and 320 paragraphs make a 50-page, 25,000-word draft.
 */
export function addParagraphs(doc: Y.Doc, count: number, wordsEach: number, seed = 0) {
  const fragment = doc.getXmlFragment(contentField);
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      if (i % 10 === 0) {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', 2 as unknown as string);
        heading.insert(0, [new Y.XmlText(`Section ${i / 10 + 1}`)]);
        fragment.push([heading]);
      }
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.push([paragraph]); // integrate first: formatting needs a text attached to the doc
      const sentence = Array.from({ length: wordsEach - 1 }, (_, j) => words[(i * 7 + j + seed) % words.length]).join(' ');
      text.insert(0, `${sentence} `);
      text.insert(text.length, 'noted', { bold: true });
    }
  });
}
