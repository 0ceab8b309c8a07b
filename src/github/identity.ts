/**
 * Who the token acts as, so that only our own comments are ever edited or deleted: a marker alone can be
 * copied into anyone's comment. GraphQL's `viewer` answers for every kind of token (the workflow token is
 * `github-actions[bot]`, an app's token its bot, a PAT its user), where REST `GET /user` refuses the first two.
 */
import type { GitHub } from './client.ts';

/** A comment author as the REST API shows it. */
export interface Author {
  login: string;
  type?: string;
}

/** Tells whether a comment's author is the account our token acts as. */
export type IsOurs = (author: Author | null | undefined) => boolean;

const identities = new WeakMap<GitHub, Promise<IsOurs>>();

/** Our identity, asked once per client. A failure to ask rejects: then no comment may be edited or deleted. */
export function ourIdentity(gh: GitHub): Promise<IsOurs> {
  let known = identities.get(gh);
  if (!known) {
    known = gh.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }').then(({ viewer }) => {
      const login = viewer?.login;
      if (typeof login !== 'string' || login === '')
        throw new Error('GitHub did not say which account the token acts as (GraphQL viewer)');
      return authorMatcher(login);
    });
    identities.set(gh, known);
  }
  return known;
}

/**
 * Matches REST authors against GraphQL's viewer login: the workflow token's and an app's viewer is
 * `name[bot]`, matched only by an author of type Bot with that login; a user's login must be equal, and the
 * author a User. When in doubt the matcher says "not ours": a comment is then added, never taken over.
 */
export function authorMatcher(viewerLogin: string): IsOurs {
  const isBot = viewerLogin.endsWith('[bot]');
  // A user token is that user only: never a Bot whose login is the user's plus `[bot]` (another app's).
  return (author) =>
    Boolean(author) && author!.login === viewerLogin && (isBot ? author!.type === 'Bot' : author!.type !== 'Bot');
}
