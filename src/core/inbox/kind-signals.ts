/**
 * The words that mark each kind of message, in English, German, French and Spanish.
 * Matched on lower-cased text; each pattern's match is quoted back as the reason.
 */
export const QUESTION_OPENERS =
  /^(?:(?:hey|hi|hello|hallo|hola|bonjour|salut)\b[,!]?\s*)?(?:@\S+\s+)*(how|what|what's|when|where|why|who|which|can|could|is|are|do|does|did|will|would|any idea|anyone know|is there|wie|was|wann|wo|warum|wer|welche|welcher|kann|können|gibt es|habt ihr|hat jemand|comment|quand|où|pourquoi|qui|quel|quelle|est-ce que|pouvez|avez-vous|cómo|qué|cuándo|dónde|por qué|quién|cuál|pueden|puedo|hay|tienen|hacen)(?![\w'])/

export const COMPLAINT =
  /\b(refund(?:ed)?|broke|broken|crash(?:es|ing)?|not working|doesn't work|does not work|didn't work|don't work|stopped working|still (?:hasn't|haven't|not|waiting)|never arrived|(?:was|is|arrived|came|running|so|too) late|delayed|missing|(?:hasn't|has not|haven't|not yet) arrived|verspätet|kommt nicht an|en retard|toujours pas reçu|retrasad[oa]|no ha llegado|charged twice|billed me|unacceptable|ridiculous|worst|terrible|awful|useless|unusable|scam|rude|ruined|lost again|disappointed|disappointing|on hold|outage|is down|site down|error \d+|error|bug|wrong item|not happy|so slow|ignoring me|fix (?:it|this)|third time|log me out|kaputt|funktioniert nicht|stürzt|frechheit|enttäuscht|geld zurück|schlechteste[rn]?|störung|nie wieder|rückerstattung|fehler|ne fonctionne|fonctionne plus|marche pas|inadmissible|déçu|nul|rembours|cassé|arnaque|personne ne répond|no funciona|roto|estafa|reembolso|fatal|decepci[oó]n|decepcionado|mal servicio|malísimo|nadie me responde|llevo .* esperando|price (?:went|up)|without any notice)\b/

export const FEEDBACK =
  /\b(would be (?:nice|great|good)|it'd be great|would love to see|feature request|suggestion|i wish|wish there was|you should|please (?:add|consider)|could you (?:add|make)|idea:|would be easier|consider offering|small thing:|wäre schön|wäre toll|wäre super|vorschlag|ihr solltet|wunsch|ce serait bien|vous devriez|pourriez-vous|j'aimerais|sería genial|sería bueno|sugerencia|deberían|podrían|me gustaría)(?!\w)/

export const PRAISE =
  /\b(thank(?:s| you)|love|loving|amazing|awesome|great work|fantastic|excellent|wonderful|brilliant|kudos|props|congrat\w*|best|impressed|nailed it|never disappoint|recommend|perfect(?:ly)?|danke|dank|toll|super|großartig|liebe|bester|merci|bravo|génial|j'adore|impeccable|gracias|encanta|genial|excelente|mejor|perfecto)\b|[❤😍🎉👏👍🙌🥰]/u

/** Strong signs count 2 each; promotion phrases 1 each (a discount code alone is no spam). */
export const SPAM_STRONG = [
  /\b(crypto|airdrop|bitcoin|btc|forex|nft|web3|casino|giveaway|onlyfans|sugar daddy|whatsapp|telegram)\b/g,
  /#(?:f4f|followback|like4like|follow4follow)\b/g,
]

export const SPAM_PROMOTION = [
  /\b(dm me|message me|schreib mir|escr[ií]beme|link in bio|click here|cliquez ici|claim(?: now)?|buy cheap|cheap shoutouts|followers fast|free followers|verified badge|verify now|earn \$?\d+|made \$\d+|\d+% (?:off|profit)|gana dinero|gagnez|verdiene|limited offer|promo(?:te)?|play now|mint)\b/g,
]

export const URL = /\bhttps?:\/\/\S+|\b[a-z0-9-]+\.(?:ly|example|io|xyz)\/\S*/
