/* The worked example of BtfBuilder's class comment, as C: ClangBtfTest builds the same types by hand. */
struct node { struct node *next; unsigned flag:1; };

int count(struct node *n)
{
	int c = 0;
	for (int i = 0; i < 16 && n; i++, n = n->next)
		c += n->flag;
	return c;
}
