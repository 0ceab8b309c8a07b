import { messageOf } from '../errors.ts';
import { FlowTooLargeError, StudioApiError, StudioNetworkError } from './errors.ts';

export interface Explained {
  /** True when no other flow can succeed either (bad credentials): the run should stop. */
  fatal: boolean;
  message: string;
  fix: string;
}

/** Turn a failed Studio call into a message a user can act on, by Twilio error code. */
export function describeStudioFailure(error: unknown): Explained {
  if (error instanceof FlowTooLargeError) {
    return { fatal: false, message: error.message, fix: 'Split the flow into subflows (run-subflow) or remove unused widgets.' };
  }
  if (error instanceof StudioNetworkError) {
    return { fatal: false, message: error.message, fix: "Check the 'studio-url' input and the runner's network access to Twilio." };
  }
  if (!(error instanceof StudioApiError)) {
    return { fatal: false, message: `Studio request failed: ${messageOf(error)}`, fix: 'Re-run the job; report it if it persists.' };
  }
  const code = error.code !== null ? ` (Twilio error ${error.code})` : ` (HTTP ${error.status})`;
  if (error.code === 20003 || error.status === 401) {
    return {
      fatal: true,
      message:
        `Twilio rejected the credentials${code}. Check 'twilio-account-sid' and 'twilio-auth-token', or ` +
        "'twilio-api-key' and 'twilio-api-secret': the key must belong to that account and must not be revoked.",
      fix: 'Update the repository secrets that feed these inputs.',
    };
  }
  if (error.code === 20429 || error.status === 429) {
    return { fatal: false, message: `Twilio rate-limited the request${code}.`, fix: 'Re-run the job in a minute.' };
  }
  if (error.status >= 500) {
    return { fatal: false, message: `Twilio Studio had a server error${code}: ${error.twilioMessage}`, fix: 'Re-run the job; see status.twilio.com.' };
  }
  const more = error.moreInfo ? ` See ${error.moreInfo}` : '';
  return { fatal: false, message: `Twilio Studio refused the request${code}: ${error.twilioMessage}.${more}`, fix: 'Correct the flow as the message says.' };
}
