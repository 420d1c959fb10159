/** A multipart/form-data body carrying one file in the part "file", as a browser's upload sends it. */
export function multipartFile(
  content: Buffer,
  { fileName, contentType }: { fileName: string; contentType: string },
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----openday${Math.random().toString(16).slice(2)}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
