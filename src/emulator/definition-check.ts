/** How the emulator judges a Definition param: JSON syntax first, then the project's lint (errors reject). */
import type { LintIssue } from '../document/types.ts';
import { badParameter, EmulatorHttpError, ErrorCodes } from './twilio-error.ts';

export type Linter = (definition: unknown) => LintIssue[];

/** One entry of Studio's `details.errors[]` (and of a flow's `errors`/`warnings`). */
export interface PropertyError {
  message: string;
  property_path: string;
}

export interface DefinitionVerdict {
  valid: boolean;
  errors: PropertyError[];
  warnings: PropertyError[];
}

/** Parse the form's Definition (a JSON string); 400 with the parser's reason when it is not JSON. */
export function parseDefinitionParam(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badParameter(`Invalid Definition: it must be the flow definition as a JSON string (${reason})`);
  }
}

/** Lint a definition and sort its issues into Studio's errors and warnings. */
export function judgeDefinition(definition: unknown, lint: Linter): DefinitionVerdict {
  const issues = lint(definition);
  const toEntry = (issue: LintIssue): PropertyError => ({ message: issue.message, property_path: `#${issue.pointer}` });
  const errors = issues.filter((issue) => issue.severity === 'error').map(toEntry);
  const warnings = issues.filter((issue) => issue.severity === 'warning').map(toEntry);
  return { valid: errors.length === 0, errors, warnings };
}

/** Like judgeDefinition, but rejects an invalid definition the way Studio does (400, code 81022). */
export function requireValidDefinition(definition: unknown, lint: Linter): DefinitionVerdict {
  const verdict = judgeDefinition(definition, lint);
  if (!verdict.valid) {
    throw new EmulatorHttpError({
      status: 400,
      code: ErrorCodes.invalidDefinition,
      message: 'Flow definition validation failed',
      details: { errors: verdict.errors },
    });
  }
  return verdict;
}
