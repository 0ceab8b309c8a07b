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
      if (typeof login !== 'string' || login === '') throw new Error('GitHub did not say which account the token acts as (GraphQL viewer)');
      return authorMatcher(login);
    });
    identities.set(gh, known);
  }
  return known;
}

/**
 * Matches REST authors against GraphQL's viewer login: a bot's login is `name[bot]` in REST, and is
 * compared as such only for authors of type Bot; a user's login must be equal.
 */
export function authorMatcher(viewerLogin: string): IsOurs {
  const bot = `${viewerLogin.replace(/\[bot\]$/, '')}[bot]`;
  const isBot = viewerLogin.endsWith('[bot]');
  return (author) => {
    if (!author) return false;
    if (author.type === 'Bot') return author.login === bot;
    return !isBot && author.login === viewerLogin;
  };
}
