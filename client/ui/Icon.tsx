/**
 * Line icons drawn inline (24×24, stroke = currentColor), decorative: the control that holds one
 * carries the label. Directional icons mirror in right-to-left layouts (class `icon--directional`).
 */
const paths = {
  close: 'M6 6l12 12M18 6L6 18',
  bold: 'M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z',
  italic: 'M19 4h-9M14 20H5M15 4L9 20',
  underline: 'M6 4v6a6 6 0 0 0 12 0V4M4 20h16',
  bulletList: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  orderedList: 'M10 6h10M10 12h10M10 18h10M4 4h1v4M4 8h2M4 14.5a1.5 1.5 0 0 1 3 0c0 1-3 2-3 3.5h3',
  alignLeft: 'M4 6h16M4 10h10M4 14h16M4 18h10',
  alignCenter: 'M4 6h16M7 10h10M4 14h16M7 18h10',
  alignRight: 'M4 6h16M10 10h10M4 14h16M10 18h10',
  alignJustify: 'M4 6h16M4 10h16M4 14h16M4 18h16',
  table: 'M4 5h16v14H4zM4 10h16M4 15h16M10 5v14',
  addRow: 'M4 4h16v7H4zM12 14v7M8.5 17.5h7',
  addColumn: 'M4 4h7v16H4zM17.5 8.5v7M14 12h7',
  deleteRow: 'M4 4h16v7H4zM8.5 17.5h7',
  deleteColumn: 'M4 4h7v16H4zM14 12h7',
  deleteTable: 'M4 5h16v14H4zM9 9l6 6M15 9l-6 6',
  undo: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  share: 'M16 6l-4-4-4 4M12 2v13M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-7',
  back: 'M19 12H5M12 19l-7-7 7-7',
  plus: 'M12 5v14M5 12h14',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20 20l-4-4',
  signOut: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9',
  pencil: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  check: 'M5 12l5 5L20 7',
  offline: 'M3 3l18 18M17.5 17.5H7a4.5 4.5 0 0 1-1.5-8.7M9.5 5.6A6 6 0 0 1 18.4 10a4 4 0 0 1 2.4 6',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9',
  building: 'M4 21V5l8-3 8 3v16M2 21h20M9 9h1M14 9h1M9 13h1M14 13h1M10 21v-4h4v4',
  users: 'M9 11a4 4 0 1 0 0-8a4 4 0 1 0 0 8M2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M22 21a7 7 0 0 0-4.5-6.5',
  user: 'M12 12a4.5 4.5 0 1 0 0-9a4.5 4.5 0 1 0 0 9M4 21a8 8 0 0 1 16 0',
  document: 'M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8zM14 3v5h5M9 13h6M9 17h6',
  lock: 'M6 11h12v10H6zM8.5 11V7.5a3.5 3.5 0 0 1 7 0V11',
  merge: 'M6 3v6a6 6 0 0 0 6 6h6M15 12l3 3-3 3M6 21v-6',
  history: 'M3 12a9 9 0 1 0 2.6-6.4L3 8M3 3v5h5M12 7v5l3 2',
  download: 'M12 3v12M7 10l5 5 5-5M4 20h16',
  upload: 'M12 16V4M7 9l5-5 5 5M4 20h16',
  restore: 'M3 12a9 9 0 1 0 2.6-6.4L3 8M3 3v5h5',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  seal: 'M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z',
  verified: 'M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6zM8.5 12l2.5 2.5 4.5-5',
  unverified: 'M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6zM9.5 9.5l5 5M14.5 9.5l-5 5',
  chevron: 'M6 9l6 6 6-6',
  comment: 'M4 5h16v11H9l-5 4z',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6',
} as const;

export type IconName = keyof typeof paths;
const directional = new Set<IconName>(['back', 'undo', 'redo', 'signOut']);

export function Icon(props: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      classList={{ 'icon--directional': directional.has(props.name) }}
      width={props.size ?? 20}
      height={props.size ?? 20}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d={paths[props.name]} />
    </svg>
  );
}
