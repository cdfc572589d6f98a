import { html, raw } from 'hono/html'
import { FEEDBACK_LIMITS } from '../../core/inbox/feedback-form.ts'

/**
 * The public feedback pages: server-rendered HTML that works without JavaScript, styled by one
 * <style> element carrying the response's CSP nonce. `html` escapes every value interpolated,
 * so what a visitor typed comes back as text.
 */
export type FeedbackPageInput =
  | {
      state: 'form'
      workspaceName: string
      slug: string
      nonce: string
      error?: FormError
      values?: Values
    }
  | { state: 'sent'; workspaceName: string; slug: string; nonce: string }
  | { state: 'unknown'; nonce: string }
  | { state: 'refused'; nonce: string; detail: string }

type Values = { message?: string; name?: string; contact?: string }
type FormError = { detail: string; fields: Record<string, string> }

const LABELS: Record<string, string> = {
  message: 'Your message',
  name: 'Your name',
  contact: 'How to reach you',
}

export function feedbackPageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function renderFeedbackPage(input: FeedbackPageInput) {
  if (input.state === 'unknown')
    return layout(
      input.nonce,
      'Feedback link not found',
      html`<h1>This feedback link does not exist</h1>
        <p>No team takes messages at this address, or it has turned its form off. Check that the link was copied whole.</p>`,
    )
  if (input.state === 'refused')
    return layout(
      input.nonce,
      'Message not sent',
      html`<h1>Your message was not sent</h1>
        <p>${input.detail}. Go back, shorten it and send it again.</p>`,
    )
  const title = `Write to ${input.workspaceName}`
  if (input.state === 'sent')
    return layout(
      input.nonce,
      `Message sent — ${title}`,
      html`<h1>Thank you</h1>
        <p>Your message reached the ${input.workspaceName} team. A person reads every message.</p>
        <p><a href="/f/${input.slug}">Write another message</a></p>`,
    )
  const { error, values = {} } = input
  const invalid = (field: string) => Boolean(error?.fields[field])
  // aria-invalid and aria-describedby only when they say something.
  const aria = (field: string, hint?: string) => {
    const ids = [hint, invalid(field) ? `${field}-error` : undefined].filter(Boolean).join(' ')
    return html`${invalid(field) ? html` aria-invalid="true"` : ''}${ids ? html` aria-describedby="${ids}"` : ''}`
  }
  const fieldError = (field: string) =>
    invalid(field)
      ? html`<p class="field-error" id="${field}-error">${error?.fields[field]}</p>`
      : ''
  return layout(
    input.nonce,
    error ? `Not sent — ${title}` : title,
    html`<h1>${title}</h1>
      <p>No account needed. Your message goes to the team's inbox, and a person reads it.</p>
      ${
        error
          ? html`<div class="problem" role="alert">
              <h2>Your message was not sent</h2>
              <p>${error.detail}</p>
              ${
                Object.keys(error.fields).length
                  ? html`<ul>${Object.entries(error.fields).map(
                      ([field, message]) =>
                        html`<li><a href="#${field}">${LABELS[field] ?? field}: ${message}</a></li>`,
                    )}</ul>`
                  : ''
              }
            </div>`
          : ''
      }
      <form method="post" action="/f/${input.slug}">
        <label for="message">${LABELS.message}</label>
        <textarea id="message" name="message" rows="8" required maxlength="${FEEDBACK_LIMITS.message}"
         ${aria('message', 'message-hint')}>${values.message ?? ''}</textarea>
        <p class="hint" id="message-hint">Up to ${FEEDBACK_LIMITS.message.toLocaleString('en')} characters.</p>
        ${fieldError('message')}
        <label for="name">${LABELS.name} <span class="optional">(optional)</span></label>
        <input id="name" name="name" autocomplete="name" maxlength="${FEEDBACK_LIMITS.name}"
          value="${values.name ?? ''}"${aria('name')}>
        ${fieldError('name')}
        <label for="contact">${LABELS.contact} <span class="optional">(optional)</span></label>
        <input id="contact" name="contact" autocomplete="email" maxlength="${FEEDBACK_LIMITS.contact}"
          value="${values.contact ?? ''}"${aria('contact', 'contact-hint')}>
        <p class="hint" id="contact-hint">An email address or a handle, if you would like an answer.</p>
        ${fieldError('contact')}
        <div class="trap"><label for="website">Leave this empty</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
        <button type="submit">Send</button>
      </form>`,
  )
}

// System fonts, high contrast, one column that fits 320 px; the trap field is never shown.
const STYLE = `
body{font:1rem/1.5 system-ui,sans-serif;color:#1a1b1e;background:#fff;margin:0}
main{max-width:34rem;margin:2.5rem auto;padding:0 1rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.1rem;margin:0 0 .25rem}
label{display:block;font-weight:600;margin-top:1.25rem}
.optional,.hint{font-weight:400;color:#495057}
.hint{margin:.25rem 0 0;font-size:.9rem}
textarea,input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;margin-top:.25rem;border:1px solid #868e96;border-radius:4px}
textarea:focus,input:focus,button:focus,a:focus{outline:3px solid #1c7ed6;outline-offset:2px}
[aria-invalid=true]{border-color:#c92a2a}
.field-error{color:#c92a2a;margin:.25rem 0 0}
.problem{border:2px solid #c92a2a;border-radius:4px;padding:.75rem 1rem;margin:1rem 0}
.problem p{margin:0}
.trap{display:none}
button{margin-top:1.5rem;font:inherit;font-weight:600;color:#fff;background:#1864ab;border:0;border-radius:4px;padding:.6rem 1.5rem;cursor:pointer}
a{color:#1864ab}
`

function layout(nonce: string, title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style nonce="${nonce}">${raw(STYLE)}</style>
</head>
<body><main>${body}</main></body>
</html>`
}
