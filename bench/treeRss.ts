// The resident memory of a process and all its descendants together, sampled from /proc: when a command runs itself
// again in a child (`marketsim run` does, for heap size and GC flags), the waiting parent's memory counts too, which
// GNU time's peak (the largest single process) leaves out. Shared code pages count once per process: an upper bound.
import { readdirSync, readFileSync } from 'node:fs';

/** Pid → parent pid of every process now (Linux /proc); empty elsewhere. */
function parents(): Map<number, number> {
  const byPid = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return byPid;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) may hold spaces and parentheses: the parent pid follows its last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byPid.set(Number(name), ppid);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return byPid;
}

function rssKib(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS of `root` and its descendants together, in KiB. */
export function treeRssKib(root: number): number {
  const byPid = parents();
  const tree = new Set([root]);
  // Parents are listed before children only by chance: repeat until no process joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of byPid) if (!tree.has(pid) && tree.has(ppid)) (tree.add(pid), (grew = true));
  }
  let sum = 0;
  for (const pid of tree) sum += rssKib(pid);
  return sum;
}

/** Samples `treeRssKib(root)` every `everyMs` until stopped; `stop()` gives the peak, in MiB. */
export function sampleTreeRss(root: number, everyMs = 250): { stop: () => number } {
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, treeRssKib(root));
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    stop: () => {
      clearInterval(timer);
      return peak / 1024;
    },
  };
}
