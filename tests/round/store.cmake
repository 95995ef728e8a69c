# tests of stress rounds: store
