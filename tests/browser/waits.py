"""Waits for a condition in the page, never for a fixed time: a loaded machine makes any fixed time too short.

Material's search asks a worker one question per keystroke and the worker answers each in turn
(``workers/search.*.js``: a SETUP message gets READY, every QUERY gets a RESULT), so "the last answer
landed" is "the worker answered as often as it was asked, and the last question was the typed text".
"""

from __future__ import annotations

SEARCH_WATCH = """(() => {
  if (window.__stemSearch) return;
  const watch = window.__stemSearch = {asked: 0, answered: 0, last: null};
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => { watch.answered += 1; });
    }
    postMessage(message, ...rest) {
      watch.asked += 1;
      if (message && message.type === 2) watch.last = message.data;
      return super.postMessage(message, ...rest);
    }
  };
})();"""
"""Init script (before the page loads): counts the questions to Material's search worker and its answers."""


def watch_search(page) -> None:
    """Count the search worker's questions and answers on every page ``page`` opens from now on."""
    page.add_init_script(SEARCH_WATCH)


def wait_for_search_answer(page, query: str) -> None:
    """Wait until the search worker answered every question, the last being ``query``, and the results are drawn."""
    page.wait_for_function("""q => { const w = window.__stemSearch;
        return w && w.last === q && w.answered === w.asked
          && document.querySelector('input.md-search__input').value === q
          && document.querySelector('.md-search-result__meta').textContent.trim() !== ''; }""", arg=query)
    next_frames(page)


def next_frames(page, frames: int = 2) -> None:
    """Wait until the page has drawn ``frames`` more frames (what a handler queued for the next frame is done)."""
    page.evaluate("""n => new Promise(done => { const step = k => k ? requestAnimationFrame(() => step(k - 1)) : done();
        step(n); })""", frames)
