/**
 * What a frozen version captures, derived from the Yjs state alone with the shared editor schema:
 * the ProseMirror JSON (and its canonical text), the HTML and the plain text. The server runs this
 * when freezing; a browser or the CLI can run it to check a bundle's content against its Yjs state.
 * Plain text: blocks separated by a blank line, hard breaks as a newline (TipTap's getText rules).
 */
import * as Y from 'yjs';
import { getText, getTextSerializersFromSchema } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { contentField, editorSchema } from '../editor-schema';
import { canonicalJson } from './canonical';
import { renderHtml } from './html';

export interface FrozenContent {
  /** ProseMirror document JSON. */
  json: Record<string, unknown>;
  /** RFC 8785 canonical text of `json`: what contentSha256 hashes. */
  canonicalJson: string;
  html: string;
  text: string;
}

const textSerializers = getTextSerializersFromSchema(editorSchema);

/**
 * The ProseMirror document held in a Y.Doc's content fragment. An empty fragment (a draft never
 * typed in) is the schema's smallest valid document, one empty paragraph — what the editor shows —
 * rather than a `doc` without content, which the schema (`block+`) does not allow.
 */
export function proseMirrorFromYDoc(doc: Y.Doc): PMNode {
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(contentField), editorSchema);
  return node.childCount > 0 ? node : editorSchema.topNodeType.createAndFill()!;
}

export function contentFromNode(node: PMNode): FrozenContent {
  const json = node.toJSON() as Record<string, unknown>;
  return {
    json,
    canonicalJson: canonicalJson(json),
    html: renderHtml(node),
    text: getText(node, { blockSeparator: '\n\n', textSerializers }),
  };
}

/** Derive the frozen content from a Yjs state (one update, as Y.encodeStateAsUpdate gives). */
export function contentFromYjsState(state: Uint8Array): FrozenContent {
  const doc = new Y.Doc();
  try {
    if (state.length > 0) Y.applyUpdate(doc, state); // no bytes at all: a draft never edited
    return contentFromNode(proseMirrorFromYDoc(doc));
  } finally {
    doc.destroy();
  }
}

/**
 * Make a live Y.Doc's content equal to a ProseMirror JSON document as one ordinary Yjs change
 * (a diff against what is there, so unchanged paragraphs keep their identity and anchors).
 */
export function replaceYDocContent(doc: Y.Doc, json: Record<string, unknown>): void {
  const node = PMNode.fromJSON(editorSchema, json);
  doc.transact(() => updateYFragment(doc, doc.getXmlFragment(contentField), node, { mapping: new Map(), isOMark: new Map() }));
}
