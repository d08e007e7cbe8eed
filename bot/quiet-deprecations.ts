// restify requires spdy at load, whose http-deceiver calls process.binding('http_parser'); Node 20 prints
// DEP0111 for it (twice) although we never use spdy. Drop exactly that warning; every other one still prints.
// Imported first by bot/app.ts so it is in place before restify loads.
type EmitWarning = (warning: string | Error, ...rest: unknown[]) => void;

const emitWarning = process.emitWarning.bind(process) as EmitWarning;

function isSpdyBinding(warning: string | Error, rest: readonly unknown[]): boolean {
  const text = typeof warning === 'string' ? warning : warning.message;
  const code =
    typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: unknown }).code : rest[1];
  return code === 'DEP0111' && text.includes("process.binding('http_parser')");
}

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (!isSpdyBinding(warning, rest)) emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
