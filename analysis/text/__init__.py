"""Text: one `Doc` per article (paragraphs, sentences, quotations, tokens, zones) and the `Lexicon`
that holds all language data."""
