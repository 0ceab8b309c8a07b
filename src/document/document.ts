/**
 * A flow file as ONE typed object whose views are named and built once, then passed on:
 *
 *   source    the file's text, as read (UTF-8, size- and path-checked by read.ts)
 *   parsed    the definition as written, the file's own name and sid, positions (`parsed.locate`)
 *   resolved  for one environment: `${var.NAME}` values in, `${flow:PATH}` references as SIDs (one to a
 *             flow not in Studio yet kept as written) — what is compared with the live flow
 *   checked   `resolved` with a stand-in SID per pending reference — what lint and Validate see
 *   toSend    what a deploy writes: `resolved` with the SIDs of the flows created since
 *
 * `documentOf` builds the first two; src/resolve/document.ts adds the views of an environment.
 */
import { parseFlowText, type ParsedFlowOk } from './parse.ts';
import type { Finding } from './types.ts';

export interface FlowDocument {
  /** The workspace-relative path of the flow file. */
  path: string;
  source: string;
  parsed: ParsedFlowOk;
}

/** A reference to a flow that a deploy must create before the definition holding it can be written. */
export interface PendingRef {
  /** JSON pointer of the string that holds the reference. */
  pointer: string;
  /** Workspace-relative path of the referenced flow file. */
  path: string;
}

/** A flow document resolved for one environment (src/resolve/document.ts): the views compared, checked and sent. */
export interface ResolvedDocument extends FlowDocument {
  /** What is compared with the live flow (and shown in the picture). */
  resolved: unknown;
  /** What lint and Validate see. */
  checked: unknown;
  /** References to flows not in Studio yet (a deploy creates those first); empty when there are none. */
  pending: PendingRef[];
  /**
   * JSON pointers where `checked` holds a stand-in for a name reference that was not resolved (offline, or an
   * error already reported): a Validate error there is not reported. Absent: none.
   */
  standIns?: string[];
  /** What resolving found (an unresolved `${var.…}`, a bad `${flow:…}`), with pointers, not yet placed on lines. */
  findings: Finding[];
  /** What is sent to Studio, given the SIDs of the flows created since (by path); a pending reference with none stays as written. */
  toSend: (created: ReadonlyMap<string, string>) => unknown;
}

/** The document of a flow file's text, or none when it does not parse; `findings` are the parser's either way. */
export function documentOf(path: string, source: string): { document?: FlowDocument; findings: Finding[] } {
  const parsed = parseFlowText(path, source);
  return parsed.ok ? { document: { path, source, parsed }, findings: parsed.findings } : { findings: parsed.findings };
}
