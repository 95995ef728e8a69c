# tests of stress rounds: play
