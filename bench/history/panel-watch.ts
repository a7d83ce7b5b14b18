/**
 * The scripts the benchmark's pages get before their own, which time them
 * from inside: on the pad page, the history panel's watcher (armed before a
 * click, it takes the click event's time and checks the panel on every
 * animation frame until it shows what is expected, then forces layout and
 * reads the clock); on the bare ProseMirror page, the same reading once the
 * document is drawn. Strings, not functions: tsx (esbuild keepNames) would
 * wrap a function's inner names in a helper the page lacks. It does not
 * drive the pages (history-browser.ts does).
 */
import { largePad } from '../browser/large-pad'
import type { BenchVersion } from './versioned-pad'

/** What the watcher waits for after the next click. */
export interface PanelExpectation {
  /** Also time the list holding this many versions (the opening). */
  listCount: number | null
  version: BenchVersion
}

/** Expressions to evaluate in the pad page, which ask its watcher. */
export const panelWatch = {
  /** True once the editor holds the whole pad and is connected; null before. */
  editorReady: 'window.benchHistoryWatch.isEditorReady() || null',
  /** Whether the page has run no long task (over 50 ms) for `quietMs`. */
  isQuiet: (quietMs: number): string => `window.benchHistoryWatch.isQuiet(${quietMs})`,
  /** Arms the watcher for the next click. */
  expect: (expectation: PanelExpectation): string => `window.benchHistoryWatch.expect(${JSON.stringify(expectation)})`,
  /** A `WatchedClick` once seen, null before. */
  result: 'window.benchHistoryWatch.result',
}

/** What the watcher saw, in ms from the click: `window.benchHistoryWatch.result`, null until then. */
export interface WatchedClick {
  timelineMs?: number
  /** The last answer to the listing had arrived. */
  timelineAnswersMs?: number
  versionMs: number
  /** The last answer from the API since the click had arrived. */
  versionAnswersMs: number
}

/**
 * The watcher the pad page gets before its own scripts: a participant name
 * (a newcomer is asked for one first), whether the editor holds the whole
 * pad, and, armed by `expect`, a capture listener that takes the next click's
 * time and checks the panel on every animation frame until it shows what is
 * expected (history-browser.ts says what, and why a frame).
 */
export function panelWatchScript(paragraphs: number): string {
  return `
    window.localStorage.setItem('atelier-pad:name', 'Banc d\u2019essai');
    (function () {
      const paragraphs = ${paragraphs};
      const endMark = ${JSON.stringify(largePad.endMark)};
      let expectation = null;
      const watch = { result: null };
      watch.isEditorReady = function () {
        const editor = document.querySelector('#editor .ProseMirror[contenteditable=true]');
        const last = editor && editor.lastElementChild;
        return Boolean(editor && editor.childElementCount >= paragraphs && last && last.textContent.endsWith(endMark)
          && document.querySelector('#connection-status[data-state="connected"]'));
      };
      // The end of the latest long task (over 50 ms) the page ran: its load, or the panel's last render.
      let lastLongTaskEndMs = 0;
      new PerformanceObserver(function (list) {
        for (const entry of list.getEntries()) lastLongTaskEndMs = Math.max(lastLongTaskEndMs, entry.startTime + entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      watch.isQuiet = function (quietMs) {
        return performance.now() - lastLongTaskEndMs >= quietMs;
      };
      watch.expect = function (next) {
        expectation = next;
        watch.result = null;
      };
      function isListed(count) {
        return document.querySelectorAll('#history-panel[open] .history-version-button').length >= count;
      }
      function isShown(version) {
        const button = document.querySelector('#history-panel .history-version-button[data-version-id="' + version.id + '"]');
        if (!button || button.getAttribute('aria-current') !== 'true') return false;
        const preview = document.getElementById('history-preview');
        if (!preview || preview.hasAttribute('aria-busy')) return false;
        const doc = preview.querySelector('.history-document');
        if (!doc || doc.childElementCount < paragraphs) return false;
        const added = doc.querySelectorAll('ins.history-added');
        if (version.mark === null) return added.length === 0 && doc.querySelector('del') === null;
        for (const ins of added) if (ins.textContent.includes(version.mark)) return true;
        return false;
      }
      // When the last answer from the API that came after \`startMs\` had arrived, in ms after it (Resource Timing).
      function answersArrivedMs(startMs, isCounted) {
        let lastMs = startMs;
        for (const entry of performance.getEntriesByType('resource')) {
          if (entry.startTime >= startMs && entry.name.includes('/api/pads/') && isCounted(entry.name)) lastMs = Math.max(lastMs, entry.responseEnd);
        }
        return lastMs - startMs;
      }
      // Style and layout now, as the frame about to paint would do them.
      function settledNow() {
        document.documentElement.getBoundingClientRect();
        return performance.now();
      }
      window.addEventListener('click', function (event) {
        const armed = expectation;
        if (armed === null) return;
        expectation = null;
        const startMs = event.timeStamp;
        const result = { timelineMs: undefined, timelineAnswersMs: undefined, versionMs: undefined, versionAnswersMs: undefined };
        function check() {
          if (armed.listCount !== null && result.timelineMs === undefined && isListed(armed.listCount)) {
            result.timelineMs = settledNow() - startMs;
            result.timelineAnswersMs = answersArrivedMs(startMs, function (name) { return name.endsWith('/versions'); });
          }
          if (isShown(armed.version)) {
            result.versionMs = settledNow() - startMs;
            result.versionAnswersMs = answersArrivedMs(startMs, function () { return true; });
            watch.result = result;
            return;
          }
          requestAnimationFrame(check);
        }
        requestAnimationFrame(check);
      }, true);
      window.benchHistoryWatch = watch;
    })();
  `
}


/** Evaluates to ms from navigation start once the floor page shows every paragraph, laid out; null until then. */
export const floorRenderedExpression = 'window.renderedAtMs ?? null'

export function floorWatchScript(paragraphs: number): string {
  return `
      (function check() {
        const editor = document.querySelector('#editor .ProseMirror');
        const last = editor && editor.lastElementChild;
        if (editor && editor.childElementCount >= ${paragraphs} && last && last.textContent.endsWith(${JSON.stringify(largePad.endMark)})) {
          document.documentElement.getBoundingClientRect();
          window.renderedAtMs = performance.now();
          return;
        }
        requestAnimationFrame(check);
      })();
    `
}
