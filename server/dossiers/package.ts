/**
 * Building a dossier's handover package (format in shared/dossiers/package.ts): metadata as JSON
 * and as XML under the decree's field names, each filed record's bundle and a readable HTML
 * rendering, and a manifest of SHA-256s signed with the agency's (ledger) key.
 * Data path: dossiers + dossier_records → records/bundle.ts (ledger) → fflate zip.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Executor } from '../db/client';
import { buildAnyBundle } from '../records/bundle';
import type { SigningKey } from '../records/keys';
import { canonicalJson } from '../../shared/records/canonical';
import { sha256Hex } from '../../shared/records/hash';
import { signCanonical } from '../../shared/records/jws';
import { packageFormat, type PackageManifest } from '../../shared/dossiers/package';
import { listFiledRecords, type Dossier } from './queries';

const escapeXml = (value: unknown) =>
  String(value ?? '').replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** Our field → the decree's name (Decree 30/2020, metadata of a work dossier). */
const decreeFields: [keyof DossierMetadata, string, string][] = [
  ['fileCode', 'MaHoSo', 'Mã hồ sơ'],
  ['title', 'TieuDeHoSo', 'Tiêu đề hồ sơ'],
  ['retention', 'ThoiHanBaoQuan', 'Thời hạn bảo quản'],
  ['rights', 'CheDoSuDung', 'Chế độ sử dụng'],
  ['creator', 'NguoiLapHoSo', 'Người lập hồ sơ'],
  ['language', 'NgonNgu', 'Ngôn ngữ'],
  ['startDate', 'ThoiGianBatDau', 'Thời gian bắt đầu'],
  ['endDate', 'ThoiGianKetThuc', 'Thời gian kết thúc'],
  ['docTotal', 'TongSoVanBan', 'Tổng số văn bản trong hồ sơ'],
  ['pageTotal', 'TongSoTrang', 'Tổng số trang của hồ sơ'],
  ['description', 'MoTa', 'Mô tả'],
];

export interface DossierMetadata {
  id: string;
  fileCode: string;
  title: string;
  retention: string;
  rights: string | null;
  creator: string;
  language: string;
  startDate: string;
  endDate: string | null;
  docTotal: number | null;
  pageTotal: number | null;
  description: string | null;
  department: string;
  year: number;
  notation: string;
  state: string;
  records: { seq: number; kind: string; title: string; recordedAt: string }[];
}

export function metadataXml(meta: DossierMetadata): string {
  const fields = decreeFields.map(([key, tag, label]) => `  <${tag} ten="${escapeXml(label)}">${escapeXml(meta[key] === 'permanent' ? 'Vĩnh viễn' : meta[key])}</${tag}>`);
  const records = meta.records.map((r) => `    <VanBan stt="${r.seq}" thoiGian="${escapeXml(r.recordedAt)}">${escapeXml(r.title)}</VanBan>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<HoSo>\n${fields.join('\n')}\n  <DanhSachVanBan>\n${records.join('\n')}\n  </DanhSachVanBan>\n</HoSo>\n`;
}

function renderRecord(bundle: Record<string, unknown>, title: string): string {
  const content = bundle.content as { html?: string } | undefined;
  const inner = content?.html ?? `<pre>${escapeXml(JSON.stringify(bundle.body ?? {}, null, 2))}</pre>`;
  return `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>${escapeXml(title)}</title></head>\n<body>\n<h1>${escapeXml(title)}</h1>\n${inner}\n</body></html>\n`;
}

export interface BuiltPackage {
  zip: Uint8Array;
  manifest: PackageManifest;
  manifestSha256: string;
}

export async function buildPackage(db: Executor, dossier: Dossier, creatorName: string, departmentName: string, key: SigningKey): Promise<BuiltPackage> {
  const records = await listFiledRecords(db, dossier.id);
  const titleOf = (r: (typeof records)[number]) => String(r.entry.title ?? `Record ${r.seq}`) + (r.entry.label ? ` — ${String(r.entry.label)}` : '');
  const meta: DossierMetadata = {
    id: dossier.id,
    fileCode: dossier.fileCode,
    title: dossier.title,
    retention: dossier.retention,
    rights: dossier.rights,
    creator: creatorName,
    language: dossier.language,
    startDate: dossier.startDate,
    endDate: dossier.endDate,
    docTotal: dossier.docTotal,
    pageTotal: dossier.pageTotal,
    description: dossier.description,
    department: departmentName,
    year: dossier.year,
    notation: dossier.notation,
    state: dossier.state,
    records: records.map((r) => ({ seq: r.seq, kind: r.kind, title: titleOf(r), recordedAt: r.recordedAt.toISOString() })),
  };
  const files: Record<string, Uint8Array> = {
    'dossier.json': strToU8(`${JSON.stringify(meta, null, 2)}\n`),
    'dossier.xml': strToU8(metadataXml(meta)),
  };
  const extraSeqs = dossier.handoverSeq != null ? [{ seq: dossier.handoverSeq, kind: 'dossier.handover', name: `handover-${dossier.handoverSeq}` }] : [];
  for (const r of [...records.map((r) => ({ seq: r.seq, kind: r.kind, name: String(r.seq).padStart(6, '0') })), ...extraSeqs]) {
    const bundle = await buildAnyBundle(db, r.seq, r.kind);
    if (!bundle) throw new Error(`ledger entry ${r.seq} has no bundle`);
    files[`records/${r.name}.bundle.json`] = strToU8(`${JSON.stringify(bundle)}\n`);
    const record = records.find((x) => x.seq === r.seq);
    files[`records/${r.name}.html`] = strToU8(renderRecord(bundle as unknown as Record<string, unknown>, record ? titleOf(record) : `Handover of ${dossier.fileCode}`));
  }
  const manifest: PackageManifest = {
    format: packageFormat,
    v: 1,
    dossier: { id: dossier.id, fileCode: dossier.fileCode, title: dossier.title, state: dossier.state },
    files: Object.entries(files).map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.length })),
    createdAt: new Date().toISOString(),
  };
  const manifestJson = canonicalJson(manifest);
  files['manifest.json'] = strToU8(manifestJson);
  files['manifest.jws'] = strToU8(`${await signCanonical(manifest, key.privateKey, key.kid)}\n`);
  // Bundles are JSON with base64 Yjs state: light compression keeps building fast.
  return { zip: zipSync(files, { level: 1, mtime: new Date('2000-01-01T00:00:00Z') }), manifest, manifestSha256: sha256Hex(manifestJson) };
}
