/*
 * list.h: circular doubly linked intrusive lists, as in Linux: a struct
 * list_node sits inside the object and container_of() gets back to it.
 * A list head is a list_node whose next and prev point to itself when
 * the list is empty. A node that is on no list is kept self-linked too
 * (list_del re-initialises it), so list_node_linked() can tell.
 *
 * Used all over the kernel; it has no locking of its own (the owner of
 * the list provides it).
 */
#ifndef BASALT_LIST_H
#define BASALT_LIST_H

#include <stdbool.h>
#include <basalt/compiler.h>

struct list_node {
	struct list_node *next, *prev;
};

static inline void list_init(struct list_node *n)
{
	n->next = n;
	n->prev = n;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* Whether a node initialised with list_init is on some list. */
static inline bool list_node_linked(const struct list_node *n)
{
	return n->next != n;
}

static inline void list_insert_between(struct list_node *n,
				       struct list_node *prev,
				       struct list_node *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}

static inline void list_add_tail(struct list_node *head, struct list_node *n)
{
	list_insert_between(n, head->prev, head);
}

static inline void list_add_head(struct list_node *head, struct list_node *n)
{
	list_insert_between(n, head, head->next);
}

/* Puts n right before pos (pos may be the head: then at the tail). */
static inline void list_add_before(struct list_node *pos, struct list_node *n)
{
	list_insert_between(n, pos->prev, pos);
}

static inline void list_del(struct list_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

#define list_entry(node, type, member)	container_of(node, type, member)

#define list_first_entry(head, type, member)	\
	list_entry((head)->next, type, member)

#define list_for_each(pos, head)	\
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* Walks the structures on a list; pos is a pointer to the structure type. */
#define list_for_each_entry(pos, head, member)				\
	for ((pos) = list_entry((head)->next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head);					\
	     (pos) = list_entry((pos)->member.next, __typeof__(*(pos)), member))

/* The same, where the body may take pos off the list (n keeps the next). */
#define list_for_each_entry_safe(pos, n, head, member)			\
	for ((pos) = list_entry((head)->next, __typeof__(*(pos)), member), \
	     (n) = list_entry((pos)->member.next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head);					\
	     (pos) = (n), (n) = list_entry((n)->member.next, __typeof__(*(n)), member))

#endif /* BASALT_LIST_H */
