import { useLayoutEffect, useRef, type RefObject } from 'react';

/** The node `next` holds when the handoff happens, not when the effect ran: that is the one on screen. */
function focusCurrent(next: RefObject<HTMLElement | null>): void {
  next.current?.focus();
}

/**
 * For an element that leaves the page when its work is done (a sync's progress, the last "Show
 * more"): if it holds focus as it goes, focus moves to `next` instead of falling to <body>, so a
 * keyboard or screen-reader user keeps their place (WCAG 2.4.3). Runs as a layout effect's
 * cleanup, while the leaving element is still in the document.
 */
export function useFocusHandoff<T extends HTMLElement>(next: RefObject<HTMLElement | null>): RefObject<T | null> {
  const own = useRef<T>(null);
  useLayoutEffect(() => {
    const element = own.current;
    return () => {
      if (element?.contains(document.activeElement)) focusCurrent(next);
    };
  }, [next]);
  return own;
}
