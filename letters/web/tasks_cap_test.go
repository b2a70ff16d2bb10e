package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"naskah/letters"
)

// A position holding more cases than the queue lists sees the most urgent
// hundred and how many more wait.
func TestTasksListsTheMostUrgentHundred(t *testing.T) {
	e, _ := newWorkflowEnv(t)
	var first *letters.Letter
	for i := range 105 {
		l := e.createLetter(fmt.Sprintf("Antrean tugas %03d", i))
		if first == nil {
			first = l
		}
	}
	holders, _, err := e.users.FindUsers(context.Background(), letters.UserFilter{Position: first.Holder, Limit: 1})
	if err != nil || len(holders) == 0 {
		t.Fatalf("no user holds %q: %v", first.Holder, err)
	}
	c := e.client()
	c.login(holders[0].Username)
	body := c.get("/tugas").body
	if n := strings.Count(body, "Antrean tugas "); n != 100 {
		t.Fatalf("queue lists %d tasks, want 100", n)
	}
	mustContain(t, "queue", body, "Antrean tugas 000", "Dan 5 tugas lain")
	mustNotContain(t, "queue", body, "Antrean tugas 104")
}
