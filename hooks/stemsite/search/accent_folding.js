/* Accent folding for the site's Dutch search (stemsite.search appends this to lunr.nl).
 *
 * Lunr matches letter for letter, and Material adds a wildcard to every typed word, which
 * makes lunr skip its search pipeline. So both sides are folded here: every indexed word
 * loses its accents ("financiële" is indexed as "financiele"), and every query is folded
 * before lunr (or Material's own query analysis) lexes it. Then "e" finds "é", "zoe" finds
 * "Zoë", and a query typed with accents still finds the same pages.
 */
(function (lunr) {
  "use strict"
  if (!lunr || !lunr.nl || lunr.nl.foldsAccents)
    return

  var MARKS = /[\u0300-\u036f]/g
  var PRECOMPOSED = /[\u00c0-\u024f\u1e00-\u1eff]/g

  /* Indexed words: drop every combining mark after canonical decomposition. */
  function foldWord(word) {
    return word.normalize("NFD").replace(MARKS, "")
  }

  /* Queries: one letter for one letter, so the positions Material's query analysis
   * computes on the typed text stay valid ("é" becomes "e", "ø" has no base and stays). */
  function foldQuery(text) {
    return String(text).normalize("NFC").replace(PRECOMPOSED, function (letter) {
      return letter.normalize("NFD").charAt(0)
    })
  }

  function foldAccents(token) {
    return token.update(foldWord)
  }
  lunr.Pipeline.registerFunction(foldAccents, "foldAccents-nl")

  /* lunr.nl sets up the Dutch pipeline; fold after it. Material later removes the functions
   * mkdocs.yml leaves out by their names on lunr.nl, so those names are kept. */
  var dutch = lunr.nl
  lunr.nl = function () {
    dutch.call(this)
    this.pipeline.add(foldAccents)
    if (this.searchPipeline)
      this.searchPipeline.add(foldAccents)
  }
  Object.keys(dutch).forEach(function (name) { lunr.nl[name] = dutch[name] })
  lunr.nl.foldsAccents = true

  /* Every query goes through the lexer: lunr's own parser and Material's analysis alike. */
  var Lexer = lunr.QueryLexer
  lunr.QueryLexer = function (text) {
    Lexer.call(this, foldQuery(text))
  }
  lunr.QueryLexer.prototype = Lexer.prototype
  Object.keys(Lexer).forEach(function (name) { lunr.QueryLexer[name] = Lexer[name] })
})(typeof self !== "undefined" ? self.lunr : undefined);
