/**
 * `fn` run once, `ms` after the last of a burst of calls; `cancel` drops a
 * pending run (a page closing must not read after it is gone).
 */
export function debounced(fn: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const call = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return { call, cancel };
}
