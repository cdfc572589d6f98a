import { Anchor, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core'
import { type FormEvent, type RefObject, useEffect, useState } from 'react'
import { countText } from '../../core/text/count-text.ts'
import type { Account } from '../accounts/account-queries.ts'
import { FormLetterAlert, sendOnCtrlEnter } from '../components/FormLetterAlert.tsx'
import { type InboxItem, type Snippet, useReply } from './inbox-queries.ts'

const number = new Intl.NumberFormat()

/**
 * A person's reply, in place: counted by the account's own network rules, started from a
 * snippet if they like, sent once through the account the message came to. A text nearly
 * the same as replies to three or more others (409) is sent only after they say so. The
 * confirmation is the page's (`onSent`): an answered message leaves the open list at once.
 */
export function ReplyBox({
  workspaceId,
  item,
  account,
  snippets,
  textarea,
  onSent,
}: {
  workspaceId: string
  item: InboxItem
  account: Account | undefined
  snippets: Snippet[]
  textarea: RefObject<HTMLTextAreaElement | null>
  onSent: (item: InboxItem, approval: 'pending' | 'sent') => void
}) {
  const reply = useReply(workspaceId)
  const [text, setText] = useState('')
  const [snippetId, setSnippetId] = useState<string | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new item starts a new reply
  useEffect(() => {
    setText('')
    setSnippetId(null)
    reply.reset()
  }, [item.id])

  if (item.source === 'feedback-form') return <AnswerElsewhere item={item} />
  if (!item.account || !item.uri)
    return (
      <Text size="sm" c="dimmed">
        A saved search found this post; no account of yours received it, so answer it from the
        network itself if you want to.
      </Text>
    )

  const limits = account?.limits?.text
  const counted = limits ? countText(limits, text) : null

  const send = (acknowledgeFormLetter = false) => {
    if (!text.trim() || counted?.over) return
    // The promise, not mutate's callbacks: the list refreshes first, the selection moves on,
    // and callbacks tied to this box would be dropped with it.
    reply
      .mutateAsync({
        itemId: item.id,
        body: {
          text,
          ...(snippetId ? { snippetId } : {}),
          ...(acknowledgeFormLetter ? { acknowledgeFormLetter: true } : {}),
        },
      })
      .then((result) => {
        onSent(item, result.approval === 'pending' ? 'pending' : 'sent')
        setText('')
        setSnippetId(null)
      })
      // The refusal is shown from reply.error.
      .catch(() => {})
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    send()
  }

  return (
    <form onSubmit={submit} aria-label="Reply">
      <Stack gap="xs">
        {snippets.length > 0 && (
          <Select
            label="Start from a snippet"
            size="xs"
            placeholder="Choose a saved reply"
            clearable
            value={snippetId}
            data={snippets.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(id) => {
              setSnippetId(id)
              const snippet = snippets.find((s) => s.id === id)
              if (snippet)
                setText((current) => (current.trim() ? `${current} ${snippet.text}` : snippet.text))
            }}
          />
        )}
        <Textarea
          ref={textarea}
          label={`Reply as @${item.account.handle}`}
          description="Written by you, sent once, threaded under their message."
          autosize
          minRows={3}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={sendOnCtrlEnter(send)}
        />
        <Group justify="space-between" gap="xs">
          {counted ? (
            <Text size="sm" c={counted.over ? 'red' : 'dimmed'} aria-live="polite">
              {counted.remaining >= 0
                ? `${number.format(counted.remaining)} left`
                : `${number.format(-counted.remaining)} over`}
              {counted.links > 0 && ` · ${counted.links} link${counted.links > 1 ? 's' : ''}`}
            </Text>
          ) : (
            <span />
          )}
          <Button
            type="submit"
            size="sm"
            loading={reply.isPending}
            disabled={!text.trim() || Boolean(counted?.over)}
          >
            Send reply
          </Button>
        </Group>
        {counted && counted.problems.length > 0 && text && (
          <Text size="sm" c="red">
            {counted.problems.join(' ')}
          </Text>
        )}
        <FormLetterAlert error={reply.error} textarea={textarea} onSendAnyway={() => send(true)} />
      </Stack>
    </form>
  )
}

/** A feedback-form message has no post to answer: say how its sender can be reached. */
function AnswerElsewhere({ item }: { item: InboxItem }) {
  const contact = item.sender?.contact
  if (!contact)
    return (
      <Text size="sm" c="dimmed">
        This came through the feedback form without a way to reach its sender.
      </Text>
    )
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)
  return (
    <Text size="sm">
      This came through the feedback form. Answer them at{' '}
      {email ? <Anchor href={`mailto:${contact}`}>{contact}</Anchor> : <strong>{contact}</strong>}.
    </Text>
  )
}
