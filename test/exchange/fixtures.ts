/**
 * Word-shaped .docx fixtures written the way Word writes them (styles.xml with "heading n" styles,
 * numbering.xml with abstract numbering, w:gridSpan / w:vMerge merged cells, footnotes.xml), so the
 * importer is tested against the real format rather than against our own exporter only.
 */
import { zip, type ZipEntry } from './zip';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>`;

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/luat" TargetMode="External"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>
</Relationships>`;

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="OldFont"><w:name w:val="Old font"/><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
</w:styles>`;

const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

const footnotes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ${W}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Luật số 77/2015/QH13.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`;

const p = (text: string, opts: { style?: string; jc?: string; num?: [number, number]; rPr?: string } = {}) =>
  `<w:p><w:pPr>${opts.style ? `<w:pStyle w:val="${opts.style}"/>` : ''}${opts.num ? `<w:numPr><w:ilvl w:val="${opts.num[1]}"/><w:numId w:val="${opts.num[0]}"/></w:numPr>` : ''}${opts.jc ? `<w:jc w:val="${opts.jc}"/>` : ''}</w:pPr><w:r>${opts.rPr ? `<w:rPr>${opts.rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (inner: string, tcPr = '') => `<w:tc><w:tcPr>${tcPr}</w:tcPr>${inner}</w:tc>`;

/** The round-trip fixture: headings, nested lists, a table with merged cells, bold/italic, Vietnamese, and more. */
export const roundTripBody = [
  p('Kế hoạch chuyển đổi số năm 2026', { style: 'Heading1', jc: 'center' }),
  `<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">Căn cứ </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Luật Tổ chức</w:t></w:r><w:r><w:t xml:space="preserve"> chính quyền </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>địa phương</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve"> ngày 19/6/2015</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:br/><w:t>dòng hai</w:t></w:r></w:p>`,
  p('Mục tiêu', { style: 'Heading2' }),
  p('Số hoá hồ sơ', { style: 'ListParagraph', num: [1, 0] }),
  p('Hồ sơ công việc', { style: 'ListParagraph', num: [1, 1] }),
  p('Hồ sơ lưu trữ', { style: 'ListParagraph', num: [1, 1] }),
  p('Ký số', { style: 'ListParagraph', num: [1, 0] }),
  p('Bước một', { num: [2, 0] }),
  p('Bước hai', { num: [2, 0] }),
  `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
   <w:tr><w:trPr><w:tblHeader/></w:trPr>${tc(p('Đơn vị'))}${tc(p('Chỉ tiêu'), '<w:gridSpan w:val="2"/>')}</w:tr>
   <w:tr>${tc(p('Văn phòng'), '<w:vMerge w:val="restart"/>')}${tc(p('90%'))}${tc(p('Cấp tỉnh'))}</w:tr>
   <w:tr>${tc(p(''), '<w:vMerge/>')}${tc(p('80%'))}${tc(p('Cấp huyện'))}</w:tr>
  </w:tbl>`,
  `<w:p><w:r><w:t xml:space="preserve">Xem </w:t></w:r><w:hyperlink r:id="rId4"><w:r><w:t>văn bản luật</w:t></w:r></w:hyperlink></w:p>`,
  `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="1" cy="1"/></wp:inline></w:drawing></w:r></w:p>`,
  p('Céng hoµ x· héi chñ nghÜa ViÖt Nam', { style: 'OldFont' }),
  p('Coäng hoøa xaõ hoäi', { rPr: '<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>' }),
].join('\n');

export function docxPackage(body: string, extra: ZipEntry[] = []): Buffer {
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return zip([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'word/_rels/document.xml.rels', data: documentRels },
    { name: 'word/document.xml', data: documentXml },
    { name: 'word/styles.xml', data: styles },
    { name: 'word/numbering.xml', data: numbering },
    { name: 'word/footnotes.xml', data: footnotes },
    { name: 'word/media/image1.png', data: Buffer.from('89504e470d0a1a0a', 'hex') },
    ...extra,
  ]);
}
