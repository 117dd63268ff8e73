/**
 * The file name a downloaded record bundle gets: the draft's title and the version, e.g.
 * `Quyết định về kế hoạch 2027 - v3 - Dự thảo lấy ý kiến.json`, with what file systems forbid
 * replaced and the length kept reasonable.
 */
export function recordFileName(title: string, version: number, label?: string | null): string {
  const clean = (text: string) =>
    text
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const parts = [clean(title).slice(0, 120) || 'record', `v${version}`, label ? clean(label).slice(0, 60) : ''].filter(Boolean);
  return `${parts.join(' - ')}.json`;
}
