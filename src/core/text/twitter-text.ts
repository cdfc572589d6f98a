// twitter-text ships CommonJS whose named exports Node's ESM loader cannot see: only the
// default import works at run time, so every use in Sous goes through this file.
import twitterText from 'twitter-text'

export const { extractUrlsWithIndices, hasInvalidCharacters, parseTweet, regexen } = twitterText
