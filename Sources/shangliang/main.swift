print("shangliang")
