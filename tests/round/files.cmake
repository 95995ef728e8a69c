# tests of stress rounds: files
