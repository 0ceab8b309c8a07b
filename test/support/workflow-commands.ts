/**
 * What a GitHub runner would act on in a step's stdout: every line that starts (after leading blanks) with
 * `::` or `##[`, except while `::stop-commands::TOKEN` is in force, until `::TOKEN::`. The fences themselves
 * are reported as `stop` and `resume`.
 */
export function commandsIn(stdout: string): string[] {
  const acted: string[] = [];
  let stopped: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) {
        acted.push('resume');
        stopped = undefined;
      }
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) {
      acted.push('stop');
      stopped = stop[1];
    } else if (line.startsWith('::') || line.startsWith('##[')) acted.push(line);
  }
  return acted;
}
