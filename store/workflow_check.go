package store

import "naskah/letters"

var (
	_ letters.DispositionService = (*WorkflowService)(nil)
	_ letters.DraftService       = (*WorkflowService)(nil)
	_ letters.DocumentService    = (*WorkflowService)(nil)
	_ letters.TaskService        = (*WorkflowService)(nil)
)
