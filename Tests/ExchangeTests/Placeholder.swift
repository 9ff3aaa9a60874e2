// tests arrive with their layer
